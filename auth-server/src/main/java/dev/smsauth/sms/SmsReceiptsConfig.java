package dev.smsauth.sms;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Settings of the delivery-receipt webhooks ({@code auth.sms.receipts.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmsReceiptProperties.class)
class SmsReceiptsConfig {

}
