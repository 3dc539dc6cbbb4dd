package dev.smsauth.key;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Before the server takes requests: seals rows written before encryption at rest (plain JWK JSON
 * from the first schema version), then loads every key once, so a wrong or missing
 * key-encryption key stops the start with a message instead of failing the first sign-in.
 * <p>
 * The migration is idempotent and safe with several nodes starting together: a row is replaced
 * only if it still holds the plain text that was read.
 */
@Component
class SigningKeyStartup implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(SigningKeyStartup.class);

	private final SigningKeyRepository keys;

	private final KeyEncryption encryption;

	private final SigningKeyStore store;

	SigningKeyStartup(SigningKeyRepository keys, KeyEncryption encryption, SigningKeyStore store) {
		this.keys = keys;
		this.encryption = encryption;
		this.store = store;
	}

	@Override
	public void afterSingletonsInstantiated() {
		int sealed = 0;
		for (StoredKey row : keys.findAll()) {
			if (!KeyEncryption.isSealed(row.text()) && keys.replaceText(row.kid(), row.text(), seal(row))) {
				sealed++;
			}
		}
		if (sealed > 0) {
			log.info("Encrypted {} signing key(s) stored before encryption at rest", sealed);
		}
		store.refresh();
	}

	private String seal(StoredKey row) {
		return encryption.seal(row.kid(), KeyPairs.parse(row.kid(), row.text()).toJSONString());
	}

}
