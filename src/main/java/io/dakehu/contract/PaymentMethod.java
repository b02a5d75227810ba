package io.dakehu.contract;

/** How a customer paid: a transfer, a bank acceptance bill (承兑汇票), cash or cheque. */
public enum PaymentMethod {

	BANK_TRANSFER, ACCEPTANCE_BILL, CASH, CHEQUE, OTHER

}
