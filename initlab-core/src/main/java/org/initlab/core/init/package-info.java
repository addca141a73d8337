/**
 * Every initializer, as a record whose components are its configuration, and the machinery
 * shared by all of them: the {@link org.initlab.core.init.Target} that describes the tensor being
 * filled, the exact {@link org.initlab.core.init.Expectation} of each law, sharded and
 * multi-threaded fills ({@link org.initlab.core.init.Fill}), and the spec-string registry
 * ({@link org.initlab.core.init.Registry}).
 *
 * <p>One mechanism, many names: {@link org.initlab.core.init.VarianceScaling} is the one
 * fan-based initializer and Glorot/Xavier, He/Kaiming, LeCun and SELU are thin presets of it.
 * Randomness comes only from the target's counter-based stream: element {@code i} depends on
 * (seed, path, i) alone, so fills are identical whatever the threads or shards.
 */
package org.initlab.core.init;
