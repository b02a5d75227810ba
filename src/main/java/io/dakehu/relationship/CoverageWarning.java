package io.dakehu.relationship;

import java.util.ArrayList;
import java.util.List;

import io.dakehu.contact.Attitude;
import io.dakehu.contact.BuyingCenterMember;
import io.dakehu.contact.BuyingRole;

/**
 * A gap in our coverage of an open opportunity's buying center (DOMAIN.md §7).
 *
 * @param contactName the person the warning is about, null for {@link Kind#NO_DECIDER}
 * @param value the decider's personal level or the opponent's influence
 */
public record CoverageWarning(Kind kind, Long contactId, String contactName, Integer value) {

	/**
	 * A decider with whom our personal relationship is at most this level is not covered.
	 */
	static final int WEAK_PERSONAL_LEVEL = 1;

	/** An opponent with at least this influence can block the deal. */
	static final int STRONG_INFLUENCE = 4;

	public enum Kind {

		/** Nobody known decides. */
		NO_DECIDER,
		/** A decider we hardly know personally (level ≤ 1, or never assessed). */
		WEAK_DECIDER,
		/** An influential opponent and no champion on our side. */
		UNCHECKED_OPPONENT

	}

	/**
	 * The warnings for one buying center, in the order of {@link Kind}.
	 */
	public static List<CoverageWarning> check(List<BuyingCenterMember> members) {
		List<CoverageWarning> warnings = new ArrayList<>();
		List<BuyingCenterMember> deciders = members.stream().filter((m) -> m.holds(BuyingRole.DECIDER)).toList();
		if (deciders.isEmpty()) {
			warnings.add(new CoverageWarning(Kind.NO_DECIDER, null, null, null));
		}
		for (BuyingCenterMember decider : deciders) {
			int level = (decider.personalLevel() != null) ? decider.personalLevel() : 0;
			if (level <= WEAK_PERSONAL_LEVEL) {
				warnings.add(new CoverageWarning(Kind.WEAK_DECIDER, decider.contactId(), decider.name(), level));
			}
		}
		boolean champion = members.stream().anyMatch((m) -> m.attitude() == Attitude.CHAMPION);
		if (!champion) {
			for (BuyingCenterMember member : members) {
				if (member.attitude() == Attitude.OPPONENT && member.influence() != null
						&& member.influence() >= STRONG_INFLUENCE) {
					warnings.add(new CoverageWarning(Kind.UNCHECKED_OPPONENT, member.contactId(), member.name(),
							member.influence()));
				}
			}
		}
		return warnings;
	}

}
