namespace HyperVIsolation.Api;

/// <summary>Resource names the product advertises on nodes and requests for pods.</summary>
public static class WellKnownResources
{
    /// <summary>
    /// One Hyper-V utility VM. The node agent advertises how many its host can run (the edition's licence and
    /// memory decide); the operator and the mutating webhook request one per pod, so the scheduler cannot place
    /// more VMs on a node than it can run. An extended resource: integer quantities, requests equal to limits.
    /// </summary>
    public const string HyperVVm = V1Alpha1.ApiGroup.Group + "/vm";

    /// <summary>How many <see cref="HyperVVm"/> a pod requests: its one utility VM.</summary>
    public const int VmsPerPod = 1;
}
