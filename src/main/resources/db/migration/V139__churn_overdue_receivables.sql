-- The churn score's credit factor (DOMAIN.md §10.4) is fed by receivables more than 30
-- days overdue (decision 0039); the facts behind it are kept with each score like the
-- other factors' (decision 0033). Earlier scores have none.
alter table churn_score add column overdue_receivable numeric(19, 2);
alter table churn_score add column receivable_overdue_days integer;
