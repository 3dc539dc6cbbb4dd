package dev.smsauth.device;

import dev.smsauth.support.AuthServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code auth.notify.new-device=false}: devices are still recorded, nobody is told. */
@AuthServerTest
@Import(DeviceTestEndpoints.class)
@TestPropertySource(properties = "auth.notify.new-device=false")
class NewDeviceNoticeOffTests extends DeviceTestBase {

	@Test
	void whenTurnedOffThenASecondDeviceSendsNothing() {
		Person person = person();
		proven(signedIn(person), false);
		proven(signedIn(person), false, FIREFOX_ON_LINUX);
		assertThat(rows(person)).isEqualTo(2);
		assertThat(admin.outbox(person.phone())).isEmpty();
	}

}
