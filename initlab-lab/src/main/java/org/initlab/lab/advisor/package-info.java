/**
 * The advisor: an {@link org.initlab.nn.InitPlan} for a model with a reason and a reference for
 * every parameter ({@link org.initlab.lab.advisor.Advisor}).
 */
package org.initlab.lab.advisor;
