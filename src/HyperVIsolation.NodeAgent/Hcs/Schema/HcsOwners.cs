namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>Values of the HCS <c>Owner</c> field the node agent looks for.</summary>
public static class HcsOwners
{
    /// <summary>containerd's runhcs shim, which owns every pod's utility VM.</summary>
    public const string RunhcsShim = "containerd-shim-runhcs-v1.exe";
}
