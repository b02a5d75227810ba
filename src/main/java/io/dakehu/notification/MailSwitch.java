package io.dakehu.notification;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Whether notices go out by e-mail: only when SMTP is configured
 * ({@code spring.mail.host}, from which Spring Boot makes the sender). Without it nothing
 * is queued, so an installation without mail keeps no outbox.
 */
@Component
class MailSwitch {

	private final ObjectProvider<JavaMailSender> sender;

	MailSwitch(ObjectProvider<JavaMailSender> sender) {
		this.sender = sender;
	}

	boolean enabled() {
		return this.sender.getIfAvailable() != null;
	}

	/** The configured sender, or null without SMTP. */
	JavaMailSender sender() {
		return this.sender.getIfAvailable();
	}

}
