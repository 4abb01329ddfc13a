namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>
/// Which annotations containerd lets through to the runhcs shim. An annotation the handler's
/// allow-list does not match is dropped without any error, which is how a utility VM silently ends
/// up with the 1024 MB / 2 vCPU defaults.
/// </summary>
public static class AnnotationAllowList
{
    /// <summary>The pod annotations that reach the shim for <paramref name="handler"/>.</summary>
    public static IReadOnlyDictionary<string, string> FilterPodAnnotations(
        ContainerdRuntimeHandler handler, IReadOnlyDictionary<string, string> podAnnotations)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Filter(handler.PodAnnotations, podAnnotations);
    }

    /// <summary>The container annotations that reach the shim for <paramref name="handler"/>.</summary>
    public static IReadOnlyDictionary<string, string> FilterContainerAnnotations(
        ContainerdRuntimeHandler handler, IReadOnlyDictionary<string, string> containerAnnotations)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Filter(handler.ContainerAnnotations, containerAnnotations);
    }

    /// <summary>Annotations whose key matches at least one pattern (see <see cref="GoPathPattern"/>).</summary>
    public static IReadOnlyDictionary<string, string> Filter(
        IReadOnlyList<string> patterns, IReadOnlyDictionary<string, string> annotations)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(annotations);
        var passed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in annotations)
        {
            if (patterns.Any(pattern => GoPathPattern.IsMatch(pattern, key)))
            {
                passed[key] = value;
            }
        }

        return passed;
    }
}
