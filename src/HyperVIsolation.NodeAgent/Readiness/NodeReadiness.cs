namespace HyperVIsolation.NodeAgent.Readiness;

/// <summary>Whether the node can run Hyper-V isolated pods now, and why not.</summary>
/// <param name="Ready">Whether the node earns <c>isolation.hyperv.dev/ready=true</c>.</param>
/// <param name="Reason">A CamelCase reason (<c>Verified</c>, <c>HyperVMissing</c>, <c>ContainerdUnsupported</c>, <c>Configuring</c>, <c>ContainerdConfigInvalid</c>, <c>HandlerMisconfigured</c>, <c>ContainerdUnreachable</c>).</param>
/// <param name="Message">What was found, for logs and Events.</param>
public sealed record NodeReadiness(bool Ready, string Reason, string Message)
{
    /// <summary>The node's Hyper-V configuration is verified.</summary>
    public static NodeReadiness Verified { get; } = new(true, "Verified", "containerd's Hyper-V handlers and annotation allow-list are verified");

    /// <summary>Not ready, for <paramref name="reason"/>.</summary>
    public static NodeReadiness NotReady(string reason, string message) => new(false, reason, message);
}
