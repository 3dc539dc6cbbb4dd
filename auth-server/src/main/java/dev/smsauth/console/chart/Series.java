package dev.smsauth.console.chart;

import java.util.List;

/**
 * One named row of values, one per category. {@code cssClass} picks its colour in console.css
 * (the strict CSP allows no inline styles), e.g. {@code s-delivered}.
 */
public record Series(String name, String cssClass, List<Double> values) {

	public Series {
		values = List.copyOf(values);
	}

}
