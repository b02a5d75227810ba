package io.dakehu.service;

import java.time.LocalDate;
import java.time.LocalDateTime;

import io.dakehu.segmentation.Tier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The complaint's own rules, without a database: due times from the level, the order of
 * the steps, and first-responder ownership.
 */
class ComplaintRulesTests {

	private static final LocalDateTime RECEIVED = LocalDateTime.of(2026, 3, 2, 9, 30);

	private static final ServiceLevel VIP = new ServiceLevel(Tier.VIP, 4, 2, 4, 14, 0);

	private static Complaint recordedBy(long recorder) {
		return Complaint.record(1L, null, RECEIVED, ComplaintChannel.PHONE, ComplaintCategory.DELIVERY, Severity.HIGH,
				"Late", VIP, recorder, RECEIVED.plusMinutes(10));
	}

	@Test
	void isDueByTheLevelCountedFromReceipt() {
		Complaint complaint = recordedBy(7);
		assertThat(complaint.auditValues()).containsEntry("complaintStatus", "OPEN").containsEntry("ownerId", 7L);
		assertThat(VIP.responseDue(RECEIVED)).isEqualTo(LocalDateTime.of(2026, 3, 2, 13, 30));
		assertThat(VIP.resolutionDue(RECEIVED)).isEqualTo(LocalDateTime.of(2026, 3, 4, 9, 30));
	}

	@Test
	void closesOnlyAfterResolution() {
		Complaint complaint = recordedBy(7);
		assertThatThrownBy(() -> complaint.recordReturnVisit(4, null, RECEIVED.plusDays(1)))
			.isInstanceOf(ComplaintStateException.class)
			.hasMessageContaining("complaint.state.notResolved");
		complaint.start(RECEIVED.plusHours(1));
		assertThatThrownBy(() -> complaint.start(RECEIVED.plusHours(2))).isInstanceOf(ComplaintStateException.class);
		complaint.resolve("Replaced", "Pallets", LocalDate.of(2026, 3, 9), 7, RECEIVED.plusDays(1));
		complaint.recordReturnVisit(4, "Fine", RECEIVED.plusDays(7));
		assertThat(complaint.getStatus()).isEqualTo(ComplaintStatus.CLOSED);
		assertThat(complaint.auditValues()).containsEntry("satisfaction", 4);
		assertThatThrownBy(() -> complaint.reassign(8)).isInstanceOf(ComplaintStateException.class);
	}

	@Test
	void helpersWorkOnItWhileTheOwnerKeepsIt() {
		Complaint complaint = recordedBy(7);
		complaint.addHelper(8);
		assertThat(complaint.worksOn(8)).isTrue();
		assertThat(complaint.worksOn(9)).isFalse();
		assertThat(complaint.getOwnerId()).isEqualTo(7);
		complaint.reassign(8);
		assertThat(complaint.getOwnerId()).isEqualTo(8);
		assertThat(complaint.auditValues().get("helpers")).isNull();
	}

}
