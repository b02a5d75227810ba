package io.dakehu.scorecard;

/**
 * The partner's own interests (DOMAIN.md §6.1), recorded beside the score as the
 * evaluator heard them: what the partner weighs when it chooses to work with us.
 *
 * @param margin the margin it earns on our products
 * @param market how hard its market is
 * @param support the support it expects from us
 * @param management how we manage the channel
 * @param commitment our long-term commitment
 * @param financing financing and payment terms
 */
public record ChannelInterests(String margin, String market, String support, String management, String commitment,
		String financing) {

	/** The longest note on one interest. */
	static final int LENGTH = 500;

	/**
	 * The same interests stripped, blank ones as none; a note too long names its field.
	 */
	ChannelInterests checked() {
		return new ChannelInterests(Figures.text(this.margin, "interests.margin", LENGTH),
				Figures.text(this.market, "interests.market", LENGTH),
				Figures.text(this.support, "interests.support", LENGTH),
				Figures.text(this.management, "interests.management", LENGTH),
				Figures.text(this.commitment, "interests.commitment", LENGTH),
				Figures.text(this.financing, "interests.financing", LENGTH));
	}

}
