-- agreements' CHECKs compare date(signed_date) with signed_date, and date() of an impossible
-- date such as '2002-13' is NULL, which a CHECK lets through. A file edited in a browser
-- could then hold a month 13 or a day 45. Rebuilding the table would be the other way; these
-- triggers refuse such a date on insert and on update, in every SQLite client.
CREATE TRIGGER agreements_signed_date_is_real_on_insert
BEFORE INSERT ON agreements
WHEN NEW.date_precision IN ('month', 'day')
 AND date(NEW.signed_date || CASE NEW.date_precision WHEN 'month' THEN '-01' ELSE '' END) IS NULL
BEGIN
    SELECT RAISE(ABORT, 'agreements.signed_date is not a real date at its date_precision (YYYY-MM or YYYY-MM-DD)');
END;

CREATE TRIGGER agreements_signed_date_is_real_on_update
BEFORE UPDATE OF signed_date, date_precision ON agreements
WHEN NEW.date_precision IN ('month', 'day')
 AND date(NEW.signed_date || CASE NEW.date_precision WHEN 'month' THEN '-01' ELSE '' END) IS NULL
BEGIN
    SELECT RAISE(ABORT, 'agreements.signed_date is not a real date at its date_precision (YYYY-MM or YYYY-MM-DD)');
END;
