-- The price a delivery receipt reports for one part (issue 14: Vonage's receipts carry each part's
-- price). Kept per part so that a message whose submission had no price gets the sum of its parts'
-- receipts, each counted once however often a receipt is repeated.
ALTER TABLE sms_message_part ADD COLUMN price decimal(12, 6) DEFAULT NULL;
