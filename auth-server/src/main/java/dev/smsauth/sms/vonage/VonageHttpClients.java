package dev.smsauth.sms.vonage;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.ConnectionConfig;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.HttpConnectionFactory;
import org.apache.http.conn.ManagedHttpClientConnection;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.DefaultHttpResponseParserFactory;
import org.apache.http.impl.conn.DefaultManagedHttpClientConnection;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.impl.io.DefaultHttpRequestWriterFactory;

/**
 * Builds the Apache HttpClient that the Vonage SDK uses. We build it ourselves, rather than let the SDK
 * do it, for three reasons: to record the HTTP status ({@link HttpStatusRecorder}), to own the timeouts,
 * and to use connections that never write to the {@code org.apache.http.wire} and
 * {@code org.apache.http.headers} logs, which at DEBUG would print the form body (the one-time code)
 * and the Basic credentials.
 */
final class VonageHttpClients {

	// More than HttpClient's default of 2 per route, so a burst of logins does not queue for a connection.
	private static final int MAX_CONNECTIONS = 20;

	private static final AtomicLong CONNECTION_IDS = new AtomicLong();

	private VonageHttpClients() {
	}

	static CloseableHttpClient create(Duration timeout, HttpStatusRecorder statusRecorder) {
		int millis = Math.toIntExact(timeout.toMillis());
		// Socket timeout bounds each wait for bytes, not the whole exchange; with a provider that
		// answers nothing (the usual failure) it bounds the call.
		RequestConfig requestConfig = RequestConfig.custom()
			.setConnectTimeout(millis)
			.setConnectionRequestTimeout(millis)
			.setSocketTimeout(millis)
			.build();
		PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(
				RegistryBuilder.<ConnectionSocketFactory>create()
					.register("http", PlainConnectionSocketFactory.getSocketFactory())
					.register("https", SSLConnectionSocketFactory.getSystemSocketFactory())
					.build(),
				quietConnections());
		connections.setMaxTotal(MAX_CONNECTIONS);
		connections.setDefaultMaxPerRoute(MAX_CONNECTIONS);
		// Like the SDK's own client: system proxy settings, no redirects. Automatic retries stay on:
		// HttpClient only retries a POST that was never sent, so they cannot send an SMS twice.
		return HttpClientBuilder.create()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(requestConfig)
			.useSystemProperties()
			.disableRedirectHandling()
			.addInterceptorLast(statusRecorder)
			.build();
	}

	/**
	 * Same connections as HttpClient's default factory makes, minus its logging wrapper.
	 */
	private static HttpConnectionFactory<HttpRoute, ManagedHttpClientConnection> quietConnections() {
		return (route, config) -> {
			ConnectionConfig c = (config != null) ? config : ConnectionConfig.DEFAULT;
			return new DefaultManagedHttpClientConnection("vonage-" + CONNECTION_IDS.incrementAndGet(),
					c.getBufferSize(), c.getFragmentSizeHint(), null, null, c.getMessageConstraints(), null, null,
					DefaultHttpRequestWriterFactory.INSTANCE, DefaultHttpResponseParserFactory.INSTANCE);
		};
	}

}
