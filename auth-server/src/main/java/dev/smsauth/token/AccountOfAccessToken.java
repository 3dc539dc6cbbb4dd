package dev.smsauth.token;

import java.sql.ResultSet;
import java.sql.SQLException;

import dev.smsauth.user.UserRepository;

import org.springframework.stereotype.Component;

/**
 * Reads the account of the person an access token was issued to with the token's grant, for the
 * rest of the request ({@code web.ReadsThisRequest}): {@link UserInfoMapper} then finds it there
 * instead of reading it again. The account is read in the same statement as the grant, so it is as
 * fresh as a read of its own: a disabled or deleted account counts from that very request. A
 * client's grant (client_credentials) joins no account and nothing is remembered.
 */
@Component
public final class AccountOfAccessToken implements JoinedRead {

	private final UserRepository accounts;

	public AccountOfAccessToken(UserRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public String columns() {
		return UserRepository.columnsOf("u");
	}

	@Override
	public String join() {
		return "LEFT JOIN user_account u ON u.id = g.principal_name";
	}

	@Override
	public void read(ResultSet rs, int first) throws SQLException {
		accounts.rememberJoined(rs, first);
	}

}
