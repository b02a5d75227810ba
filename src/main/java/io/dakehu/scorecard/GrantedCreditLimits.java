package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.util.Optional;

import io.dakehu.contract.CreditLimits;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The credit limit contracts are checked against: the one granted on the account's newest
 * accepted rating, as the account page shows it.
 */
@Component
@Transactional(readOnly = true)
class GrantedCreditLimits implements CreditLimits {

	private final CreditRatingRepository repository;

	GrantedCreditLimits(CreditRatingRepository repository) {
		this.repository = repository;
	}

	@Override
	public Optional<BigDecimal> granted(long accountId) {
		return this.repository.findByAccountIdOrderByQuarterDescIdDesc(accountId)
			.stream()
			.filter((rating) -> rating.getAcceptedAt() != null)
			.findFirst()
			.map(CreditRating::getAcceptedLimit);
	}

}
