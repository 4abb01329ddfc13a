namespace HyperVIsolation.Operator.Sizing;

/// <summary>VM memory arithmetic shared by sizing and cap checks.</summary>
internal static class VmMemoryRounding
{
    /// <summary>hcsshim rounds odd VM memory up to even; do it first so caps and status see the real value.</summary>
    public static long RoundUpToEven(long memoryMiB) => memoryMiB + (memoryMiB & 1);

    /// <summary>The largest even value not above <paramref name="memoryMiB"/>, for lowering a default to a cap.</summary>
    public static long RoundDownToEven(long memoryMiB) => memoryMiB - (memoryMiB & 1);
}
