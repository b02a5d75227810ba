-- The credit rating's fulfilment indicators (DOMAIN.md §5 #6–#9) are read from the
-- account's receivables once contracts exist (decision 0039). Only the source changes:
-- scoring, bands and every stored rating stay as they were, and an account without
-- contracts still has them entered.
alter table scorecard_indicator drop constraint ck_scorecard_indicator_source;
alter table scorecard_indicator add constraint ck_scorecard_indicator_source check (source in
    ('ENTERED', 'FIRST_PURCHASE_YEARS', 'LATEST_TIER', 'ON_TIME_RATE', 'DAYS_OVERDUE', 'FULFILMENT_RATE', 'DEFAULTS'));

-- The indicators of the credit cards as loaded: an administrator's own indicator under
-- another name keeps its source.
update scorecard_indicator set source = case name_en
        when 'On-time payment rate, last 4 quarters' then 'ON_TIME_RATE'
        when 'Average days overdue' then 'DAYS_OVERDUE'
        when 'Contract fulfilment rate' then 'FULFILMENT_RATE'
        when 'Bad debts or defaults in 3 years' then 'DEFAULTS'
    end
where source = 'ENTERED' and category = 'FULFILMENT'
  and name_en in ('On-time payment rate, last 4 quarters', 'Average days overdue', 'Contract fulfilment rate',
                  'Bad debts or defaults in 3 years')
  and version_id in (select v.id from scorecard_version v join scorecard s on s.id = v.scorecard_id
                     where s.kind = 'CREDIT');
