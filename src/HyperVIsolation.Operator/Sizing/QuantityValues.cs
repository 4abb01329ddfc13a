using System.Runtime.CompilerServices;
using k8s.Models;

namespace HyperVIsolation.Operator.Sizing;

/// <summary>
/// <see cref="ResourceQuantity.ToDecimal"/> remembered per quantity instance: converting the client's exact fraction
/// costs about as much as parsing it, and the admission webhook shares one instance per amount across requests. Keyed
/// by reference and held weakly, so it never keeps a quantity alive and never confuses two instances.
/// </summary>
internal static class QuantityValues
{
    private static readonly ConditionalWeakTable<ResourceQuantity, StrongBox<decimal>> Decimals = [];

    /// <summary>The same as <paramref name="quantity"/>.ToDecimal().</summary>
    public static decimal ToDecimal(ResourceQuantity quantity) =>
        Decimals.GetValue(quantity, static created => new StrongBox<decimal>(created.ToDecimal())).Value;
}
