-- Every look-up attempt is audited, also one naming no case (no legal basis named) or with a
-- body that could not be read: the case becomes optional in the audit. And the categories a
-- look-up actually searched, so that an auditor sees it stayed inside its case's scope.
alter table lookup_audit alter column case_id drop not null;
alter table lookup_audit add column categories text[] not null default '{}';
