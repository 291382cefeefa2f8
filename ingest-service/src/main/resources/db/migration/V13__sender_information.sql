-- Sender information as the Platform Act Enforcement Regulation Art. 2 lists it (issue #20):
-- the items a provider may hold beyond IP address, port and time. All optional, all identifying
-- except the destination (stored through the identity codec, never logged).
--
-- AP sessions: the mobile connection user ID and the SIM identifier, where a mobile core reports
-- them (RADIUS from a GGSN/P-GW: Calling-Station-Id = MSISDN, 3GPP-IMSI; see the README).
alter table ap_session add column mobile_user_id text, add column sim_id text;
alter table ap_session_preserved add column mobile_user_id text, add column sim_id text;
-- The long-interval index copies rows positionally (insert … values (new.*), V10): same columns,
-- same order.
alter table ap_session_long add column mobile_user_id text, add column sim_id text;

-- CP events: the destination of the transmission (asked for in practice), the telephone number
-- verified by SMS at account creation or login, and the provider's own user identifier
-- (利用管理符号).
alter table cp_account_event add column destination_ip inet,
    add column destination_port integer check (destination_port between 0 and 65535),
    add column sms_phone text, add column user_code text;
alter table cp_login_event add column destination_ip inet,
    add column destination_port integer check (destination_port between 0 and 65535),
    add column sms_phone text, add column user_code text;
alter table cp_post add column destination_ip inet,
    add column destination_port integer check (destination_port between 0 and 65535),
    add column sms_phone text, add column user_code text;
alter table cp_account_event_preserved add column destination_ip inet, add column destination_port integer,
    add column sms_phone text, add column user_code text;
alter table cp_login_event_preserved add column destination_ip inet, add column destination_port integer,
    add column sms_phone text, add column user_code text;
alter table cp_post_preserved add column destination_ip inet, add column destination_port integer,
    add column sms_phone text, add column user_code text;
