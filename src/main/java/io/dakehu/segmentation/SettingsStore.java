package io.dakehu.segmentation;

import java.util.Objects;

import io.dakehu.identity.CurrentUser;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one row of segmentation thresholds and contact cadences. Every other part of the
 * module reads them from here, so a run, a standing's service level and other modules'
 * contacts due all use the same values; only an administrator changes them.
 */
@Service
@Transactional(readOnly = true)
public class SettingsStore {

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final ApplicationEventPublisher publisher;

	SettingsStore(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher publisher) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.publisher = publisher;
	}

	public SegmentationSettings settings() {
		return this.jdbc.sql("""
				select vip_percent, major_percent, ordinary_percent, abc_a_percent, abc_b_percent, growth_percent,
				       cadence_vip, cadence_major, cadence_ordinary, cadence_small, clv_discount_percent,
				       clv_horizon_years, version
				from segmentation_settings where id = 1""")
			.query((rs, n) -> new SegmentationSettings(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
					rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getInt(7), rs.getInt(8),
					rs.getInt(9), rs.getInt(10), rs.getBigDecimal(11), rs.getInt(12), rs.getInt(13)))
			.single();
	}

	/**
	 * Saves new thresholds (administrators only), audited field by field. They apply from
	 * the next run; stored runs keep the thresholds they used.
	 * @throws StaleEditException when someone saved in between
	 */
	@Transactional
	public SegmentationSettings updateSettings(CurrentUser me, SegmentationSettings changed) {
		if (!me.isAdmin()) {
			throw new AccessDeniedException("Only administrators change segmentation settings");
		}
		changed.check();
		SegmentationSettings before = settings();
		int updated = this.jdbc
			.sql("""
					update segmentation_settings set vip_percent = :vip, major_percent = :major,
					    ordinary_percent = :ordinary, abc_a_percent = :a, abc_b_percent = :b, growth_percent = :growth,
					    cadence_vip = :cVip, cadence_major = :cMajor, cadence_ordinary = :cOrdinary, cadence_small = :cSmall,
					    clv_discount_percent = :discount, clv_horizon_years = :horizon, version = version + 1
					where id = 1 and version = :version""")
			.param("vip", changed.vipPercent())
			.param("major", changed.majorPercent())
			.param("ordinary", changed.ordinaryPercent())
			.param("a", changed.abcAPercent())
			.param("b", changed.abcBPercent())
			.param("growth", changed.growthPercent())
			.param("cVip", changed.cadenceVip())
			.param("cMajor", changed.cadenceMajor())
			.param("cOrdinary", changed.cadenceOrdinary())
			.param("cSmall", changed.cadenceSmall())
			.param("discount", changed.clvDiscountPercent())
			.param("horizon", changed.clvHorizonYears())
			.param("version", changed.version())
			.update();
		if (updated == 0) {
			throw new StaleEditException("SegmentationSettings", 1L, before.version());
		}
		this.audit.changed("SegmentationSettings", 1, null, before.auditValues(), changed.auditValues());
		if (!Objects.equals(before.cadenceVip(), changed.cadenceVip())
				|| !Objects.equals(before.cadenceMajor(), changed.cadenceMajor())
				|| !Objects.equals(before.cadenceOrdinary(), changed.cadenceOrdinary())
				|| !Objects.equals(before.cadenceSmall(), changed.cadenceSmall())) {
			this.publisher.publishEvent(TiersChanged.everyAccount());
		}
		return settings();
	}

}
