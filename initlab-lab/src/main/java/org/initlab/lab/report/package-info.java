/**
 * Reports: self-contained HTML with inline SVG charts ({@link org.initlab.lab.report.HtmlReport},
 * {@link org.initlab.lab.report.Svg}). Reports only render results; they compute nothing.
 */
package org.initlab.lab.report;
