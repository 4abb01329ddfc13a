using System.Collections;
using System.Reflection;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission.Pods;

/// <summary>
/// Random pods with every member of every Kubernetes model set, down to a depth: whatever field a rule comes to read,
/// these pods carry it, so a reader that skips it differs from the projection of the full pod.
/// </summary>
internal static class FullPodGenerator
{
    private const int MaxDepth = 9;

    private static readonly string[] Quantities = ["100m", "500m", "1", "2", "3500m", "128Mi", "512Mi", "1Gi", "3Gi"];

    private static readonly string[] Texts = ["windows", "linux", "os", "Exists", "NoSchedule", "mcr.microsoft.com/windows/nanoserver:ltsc2022", "a~b/c", "é", "}\"]", "10.0.26100"];

    /// <summary>A pod with every member set.</summary>
    public static V1Pod Next(Random random) => (V1Pod)Value(typeof(V1Pod), random, depth: 0)!;

    private static object? Value(Type type, Random random, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        switch (underlying)
        {
            case var t when t == typeof(string):
                return Texts[random.Next(Texts.Length)] + random.Next(3);
            case var t when t == typeof(bool):
                return random.Next(2) == 0;
            case var t when t == typeof(int):
                return random.Next(1, 1000);
            case var t when t == typeof(long):
                return (long)random.Next(1, 1000);
            case var t when t == typeof(double):
                return random.Next(1, 1000) / 4.0;
            case var t when t == typeof(DateTime):
                return new DateTime(2026, 1, 2, 3, 4, random.Next(60), DateTimeKind.Utc);
            case var t when t == typeof(ResourceQuantity):
                return new ResourceQuantity(Quantities[random.Next(Quantities.Length)]);
            case var t when t == typeof(IntOrString):
                return random.Next(2) == 0 ? (IntOrString)random.Next(1, 65535).ToString(System.Globalization.CultureInfo.InvariantCulture) : (IntOrString)"http";
            case var t when t == typeof(byte[]):
                return new byte[] { 1, 2, 3 };
        }

        if (depth >= MaxDepth)
        {
            return null;
        }

        if (underlying.IsGenericType && underlying.GetGenericArguments() is [var key, var value] && key == typeof(string) && typeof(IEnumerable).IsAssignableFrom(underlying))
        {
            var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(key, value))!;
            for (var index = 0; index < 1 + random.Next(2); index++)
            {
                map[$"k{index}-{Texts[random.Next(Texts.Length)]}"] = Value(value, random, depth + 1);
            }

            return map;
        }

        if (underlying.IsGenericType && underlying.GetGenericArguments() is [var element] && typeof(IEnumerable).IsAssignableFrom(underlying))
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            for (var index = 0; index < 1 + random.Next(2); index++)
            {
                list.Add(Value(element, random, depth + 1));
            }

            return list;
        }

        if (underlying.Namespace != typeof(V1Pod).Namespace || underlying.GetConstructor(Type.EmptyTypes) is null)
        {
            return null;
        }

        var model = Activator.CreateInstance(underlying)!;
        foreach (var property in underlying.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.CanWrite))
        {
            property.SetValue(model, Value(property.PropertyType, random, depth + 1));
        }

        return model;
    }
}
