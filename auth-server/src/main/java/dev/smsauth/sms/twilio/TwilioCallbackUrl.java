package dev.smsauth.sms.twilio;

import java.util.Optional;

/**
 * The public URL of our status-callback endpoint: {@code auth.sms.receipts.public-base-url}, else
 * the issuer, plus {@link TwilioReceiptController#PATH}. Empty when neither is set: then messages go
 * out without a callback and every callback is refused.
 */
record TwilioCallbackUrl(Optional<String> url) {
}
