package io.dakehu.identity;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * On the first start with an empty database, creates {@code admin} with the password from
 * {@code DAKEHU_ADMIN_PASSWORD}, or a random one printed once to the log. A lifecycle
 * step before the web server starts, so the demo data (loaded by the administrator in the
 * step after this one) is whole when the first page answers.
 */
@Component
class FirstAdministrator implements SmartLifecycle {

	/** Two steps before the web server: the demo data loads in between. */
	static final int PHASE = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 2;

	private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

	private final UserAdministration administration;

	private final String configuredPassword;

	FirstAdministrator(UserAdministration administration, @Value("${dakehu.admin.password:}") String password) {
		this.administration = administration;
		this.configuredPassword = password;
	}

	private volatile boolean running;

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public void start() {
		this.running = true;
		boolean generated = !StringUtils.hasText(this.configuredPassword);
		String password = generated ? randomPassword() : this.configuredPassword;
		if (this.administration.createFirstAdmin(password)) {
			if (generated) {
				log.warn("""

						==========================================================
						  Dakehu created the first administrator.
						  Username: admin
						  Password: {}
						  This password is shown only once: change it after login.
						==========================================================""", password);
			}
			else {
				log.info("Dakehu created the first administrator 'admin' with the password from DAKEHU_ADMIN_PASSWORD");
			}
		}
	}

	private static String randomPassword() {
		byte[] bytes = new byte[12];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
