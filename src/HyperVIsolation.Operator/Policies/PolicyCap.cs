namespace HyperVIsolation.Operator.Policies;

/// <summary>A cap and the IsolationPolicy that set it, so a failure can name both.</summary>
/// <typeparam name="T">The capped quantity's type.</typeparam>
/// <param name="Value">The cap.</param>
/// <param name="PolicyName">Name of the IsolationPolicy the cap comes from.</param>
public sealed record PolicyCap<T>(T Value, string PolicyName)
    where T : struct;
