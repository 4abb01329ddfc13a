namespace HyperVIsolation.NodeAgent.Verification;

/// <summary>The node agent's finding about one pod's utility VM: the pod condition to set.</summary>
/// <param name="Verified">Whether the VM is the one the pod asked for.</param>
/// <param name="Reason">The condition's reason (see <see cref="Api.VmVerification"/>).</param>
/// <param name="Message">What was compared, with the observed values.</param>
public sealed record PodVmVerdict(bool Verified, string Reason, string Message);
