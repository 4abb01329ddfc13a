namespace HyperVIsolation.SimulatedNodes.Kubelet;

/// <summary>Where a simulated container is in its life.</summary>
internal enum ContainerStage
{
    /// <summary>Created, waiting for the sandbox (utility VM) to boot.</summary>
    Creating,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Exited and not restarted (restartPolicy, or a completed init container).</summary>
    Exited,

    /// <summary>Exited and waiting out the restart back-off.</summary>
    CrashLoopBackOff,

    /// <summary>Could not start (for example the image's OS build does not match); not retried.</summary>
    StartFailed,
}
