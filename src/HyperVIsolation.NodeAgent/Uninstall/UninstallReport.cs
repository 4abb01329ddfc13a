namespace HyperVIsolation.NodeAgent.Uninstall;

/// <summary>What uninstall did on one node.</summary>
/// <param name="NodeFound">Whether the Node object exists (a deleted node has no labels or capacity to remove).</param>
/// <param name="LabelRemoved">Whether the ready label was removed.</param>
/// <param name="CapacityRemoved">Whether the <c>isolation.hyperv.dev/vm</c> capacity was withdrawn.</param>
/// <param name="Config">How containerd's main file was given back.</param>
/// <param name="DropInRemoved">Whether the drop-in was deleted.</param>
/// <param name="ContainerdRestarted">Whether containerd was restarted (only when a file changed).</param>
public sealed record UninstallReport(bool NodeFound, bool LabelRemoved, bool CapacityRemoved, ConfigRestoreKind Config, bool DropInRemoved, bool ContainerdRestarted)
{
    /// <summary>One line for the console and the log.</summary>
    public string Describe() =>
        $"node {(NodeFound ? "found" : "not found")}; ready label {(LabelRemoved ? "removed" : "absent")}; "
        + $"VM capacity {(CapacityRemoved ? "withdrawn" : "absent")}; containerd config {Config switch
        {
            ConfigRestoreKind.Exact => "restored byte for byte",
            ConfigRestoreKind.ImportRemoved => "edited since install: only our import entry removed",
            _ => "untouched (no import of ours)",
        }}; drop-in {(DropInRemoved ? "deleted" : "absent")}; containerd {(ContainerdRestarted ? "restarted" : "not restarted")}";
}
