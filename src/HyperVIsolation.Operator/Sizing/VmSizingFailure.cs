namespace HyperVIsolation.Operator.Sizing;

/// <summary>One reason the VM could not be sized.</summary>
/// <param name="Reason">Stable reason code.</param>
/// <param name="Field">The field at fault, for example <c>spec.vm.memoryMiB</c>.</param>
/// <param name="Message">One sentence naming the field, the value and the rule.</param>
public sealed record VmSizingFailure(VmSizingFailureReason Reason, string Field, string Message);
