/**
 * Experiments that reproduce claims about initialization with real runs: each computes its
 * results, judges its claim from the numbers with stated criteria, and renders a report section.
 */
package org.initlab.lab.experiment;
