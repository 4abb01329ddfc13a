namespace HyperVIsolation.NodeAgent.Host;

/// <summary>What the agent's command line asks for.</summary>
internal enum AgentMode
{
    /// <summary>Run the agent until stopped (the DaemonSet's normal mode). A stop, for an upgrade or a drain, undoes nothing.</summary>
    Run,

    /// <summary>Undo the agent's changes on this node once, then exit.</summary>
    Uninstall,

    /// <summary>Undo the agent's changes on this node, then stay up until stopped (the chart's pre-delete hook turns the DaemonSet into this).</summary>
    UninstallAndHold,

    /// <summary>Exit 0 when this container finished <see cref="UninstallAndHold"/>'s uninstall (its readiness probe).</summary>
    UninstallProbe,

    /// <summary>Uninstall from every node of the agent's DaemonSet (the chart's pre-delete hook Job), then exit.</summary>
    UninstallAllNodes,

    /// <summary>Print the usage.</summary>
    Help,
}

/// <summary>Parses the agent's arguments; an unknown or misplaced one is an error naming it.</summary>
internal static class AgentCommandLine
{
    /// <summary>The usage text.</summary>
    public const string Usage =
        """
        usage: hyperv-isolation-node-agent [--uninstall [--hold] | --uninstall-probe | --uninstall-all-nodes]
          (none)             configure containerd for Hyper-V isolated pods, label the node ready and advertise its VMs
          --uninstall        remove the ready label and the VM capacity, restore containerd's config.toml byte for byte
                             (or remove only our import entry when it was edited since), delete the drop-in, restart
                             containerd if a file changed, and exit
          --hold             with --uninstall: stay up afterwards (as a DaemonSet pod) until stopped
          --uninstall-probe  exit 0 when this container's --uninstall --hold has finished (a readiness probe)
          --uninstall-all-nodes
                             roll the agent's DaemonSet into --uninstall --hold and wait until every node finished
                             (environment: POD_NAMESPACE, DAEMONSET_NAME, UNINSTALL_TIMEOUT hh:mm:ss, default 00:04:00)
        environment: NODE_NAME (required), CONTAINERD_CONFIG, CRI_ENDPOINT, RESYNC_INTERVAL
        """;

    /// <summary>The mode <paramref name="args"/> ask for, or an error.</summary>
    public static (AgentMode Mode, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arg in args)
        {
            if (arg is not ("--uninstall" or "--hold" or "--uninstall-probe" or "--uninstall-all-nodes" or "--help" or "-h"))
            {
                return (AgentMode.Help, $"unknown argument '{arg}'");
            }

            if (!set.Add(arg))
            {
                return (AgentMode.Help, $"'{arg}' is given twice");
            }
        }

        return set switch
        {
            { Count: 0 } => (AgentMode.Run, null),
            _ when set.Contains("--help") || set.Contains("-h") => (AgentMode.Help, null),
            { Count: 1 } when set.Contains("--uninstall") => (AgentMode.Uninstall, null),
            { Count: 2 } when set.Contains("--uninstall") && set.Contains("--hold") => (AgentMode.UninstallAndHold, null),
            { Count: 1 } when set.Contains("--uninstall-probe") => (AgentMode.UninstallProbe, null),
            { Count: 1 } when set.Contains("--uninstall-all-nodes") => (AgentMode.UninstallAllNodes, null),
            _ when set.Contains("--hold") && !set.Contains("--uninstall") => (AgentMode.Help, "--hold needs --uninstall"),
            _ => (AgentMode.Help, $"{set.First(arg => arg.StartsWith("--uninstall-", StringComparison.Ordinal))} takes no other argument"),
        };
    }
}
