package org.initlab.lab.advisor;

/**
 * The advice for one parameter.
 *
 * @param path the parameter's path ({@code "2.weight"})
 * @param layerKind the kind of the layer holding it
 * @param activation the activation after that layer ({@code linear} when none)
 * @param initializer the advised initializer as a spec string
 * @param reason why, with the reference
 */
public record ParameterAdvice(String path, String layerKind, String activation, String initializer, String reason) {}
