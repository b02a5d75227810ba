-- A churn run writes a score for every customer in the transaction that creates the run
-- (decision 0061): the foreign key to churn_run checked each of a million rows by a
-- lookup of its own (a fifth of the run at 1M customers, BENCHMARKS.md "Churn-risk run").
-- Runs are never deleted, so its cascade never acted. H2 keeps it: there the check costs
-- nothing worth a migration of its own.
alter table churn_score drop constraint churn_score_run_id_fkey;
