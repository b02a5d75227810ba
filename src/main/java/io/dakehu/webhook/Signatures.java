package io.dakehu.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a receiver checks: HMAC-SHA256 of {@code timestamp + "." + body} with the
 * webhook's secret, in lower-case hex. The timestamp inside the signed text lets a
 * receiver refuse an old delivery replayed by someone who recorded it.
 */
final class Signatures {

	private Signatures() {
	}

	static String sign(String secret, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			// Every JDK ships HmacSHA256.
			throw new IllegalStateException(ex);
		}
	}

}
