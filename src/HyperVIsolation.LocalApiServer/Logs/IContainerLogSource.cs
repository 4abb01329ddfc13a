namespace HyperVIsolation.LocalApiServer.Logs;

/// <summary>
/// Where <c>pods/log</c> reads a container's output: the kubelet of the pod's node, which this server
/// cannot reach over the network, so whoever runs the nodes (the simulated kubelets) plugs in here.
/// </summary>
public interface IContainerLogSource
{
    /// <summary>
    /// The output of one container of a pod on <paramref name="nodeName"/> (its current run, or with
    /// <paramref name="previous"/> the one before); null when this source knows no such container.
    /// </summary>
    ContainerLog? Read(string nodeName, string podUid, string container, bool previous);
}

/// <summary>What a container wrote so far.</summary>
/// <param name="Lines">Lines in the order written.</param>
/// <param name="Running">True while the container may write more (<c>-f</c> keeps waiting).</param>
public sealed record ContainerLog(IReadOnlyList<ContainerLogLine> Lines, bool Running);

/// <summary>One line of container output with the time the runtime received it.</summary>
/// <param name="Time">When it was written.</param>
/// <param name="Text">The line, without its newline.</param>
public sealed record ContainerLogLine(DateTimeOffset Time, string Text);
