package dev.smsauth.console.chart;

import java.util.Locale;

/** Small helpers to write SVG markup: escaping and short numbers. */
final class Svg {

	private Svg() {
	}

	/** Text and attribute values: every character that could end an element or an attribute is escaped. */
	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(Character.isISOControl(c) ? ' ' : c);
			}
		}
		return out.toString();
	}

	/** A coordinate with one decimal at most. */
	static String n(double value) {
		return String.format(Locale.ROOT, "%.1f", value).replace(".0", "");
	}

	/** A value for people: whole numbers without decimals, others with up to two. */
	static String value(double value) {
		if (value == Math.rint(value)) {
			return String.format(Locale.ROOT, "%d", (long) value);
		}
		return java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
			.toPlainString();
	}

	/** A round top for an axis that holds {@code max}: 1, 2, 2.5 or 5 times a power of ten. */
	static double niceMax(double max) {
		if (max <= 0) {
			return 1;
		}
		double power = Math.pow(10, Math.floor(Math.log10(max)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * power >= max) {
				return step * power;
			}
		}
		return 10 * power;
	}

}
