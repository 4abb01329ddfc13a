using System.Globalization;
using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Operator.Validation;

/// <summary>
/// Checks an IsolationPolicy spec: VM defaults within caps and ranges, registries written as
/// <c>host[:port][/path]</c>, a known mode, no blank administrator names, and an <c>allowIngressFrom</c>
/// selector the API server accepts in a NetworkPolicy. Collects every error.
/// </summary>
public static class IsolationPolicyValidator
{
    private const long MinMemoryMiB = 256;
    private const long MaxMemoryMiB = 1048576;
    private const int MaxProcessors = 64;

    /// <summary>Every problem with the spec; empty when it is valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(IsolationPolicySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);

        var errors = new List<ValidationError>();
        if (!Enum.IsDefined(spec.Mode))
        {
            errors.Add(new ValidationError("spec.mode", $"mode '{spec.Mode}' is unknown; use Enforce or Audit."));
        }

        ValidateVm(spec.Vm, errors);
        ValidateRegistries(spec.AllowedRegistries, errors);
        ValidateNames(spec.Administrators?.Users, "spec.administrators.users", "user", errors);
        ValidateNames(spec.Administrators?.Groups, "spec.administrators.groups", "group", errors);
        errors.AddRange(IngressSelectorRules.Validate(spec.AllowIngressFrom, "spec.allowIngressFrom"));
        return errors;
    }

    private static void ValidateVm(VmSizePolicy? vm, List<ValidationError> errors)
    {
        if (vm is null)
        {
            return;
        }

        CheckRange(vm.DefaultMemoryMiB, "defaultMemoryMiB", MinMemoryMiB, MaxMemoryMiB, errors);
        CheckRange(vm.MaxMemoryMiB, "maxMemoryMiB", MinMemoryMiB, MaxMemoryMiB, errors);
        CheckRange(vm.DefaultProcessorCount, "defaultProcessorCount", 1, MaxProcessors, errors);
        CheckRange(vm.MaxProcessorCount, "maxProcessorCount", 1, MaxProcessors, errors);
        CheckDefaultWithinCap(vm.DefaultMemoryMiB, vm.MaxMemoryMiB, "defaultMemoryMiB", "maxMemoryMiB", errors);
        CheckDefaultWithinCap(vm.DefaultProcessorCount, vm.MaxProcessorCount, "defaultProcessorCount", "maxProcessorCount", errors);
    }

    private static void CheckRange(long? value, string name, long min, long max, List<ValidationError> errors)
    {
        if (value is { } set && (set < min || set > max))
        {
            errors.Add(new ValidationError(
                $"spec.vm.{name}",
                string.Create(CultureInfo.InvariantCulture, $"spec.vm.{name} is {set}; it must be between {min} and {max}.")));
        }
    }

    private static void CheckDefaultWithinCap(long? defaultValue, long? cap, string defaultName, string capName, List<ValidationError> errors)
    {
        if (defaultValue is { } value && cap is { } max && value > max)
        {
            errors.Add(new ValidationError(
                $"spec.vm.{defaultName}",
                string.Create(CultureInfo.InvariantCulture, $"{defaultName} ({value}) is above {capName} ({max}); lower the default or raise the cap.")));
        }
    }

    private static void ValidateRegistries(List<string>? registries, List<ValidationError> errors)
    {
        var firstIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < (registries?.Count ?? 0); index++)
        {
            var registry = registries![index];
            var path = $"spec.allowedRegistries[{index}]";
            if (RegistryReference.FindProblem(registry) is { } problem)
            {
                errors.Add(new ValidationError(path, problem));
            }
            else if (!firstIndex.TryAdd(registry, index))
            {
                errors.Add(new ValidationError(path, $"'{registry}' is already listed at spec.allowedRegistries[{firstIndex[registry]}]; remove the duplicate."));
            }
        }
    }

    private static void ValidateNames(List<string>? names, string path, string kind, List<ValidationError> errors)
    {
        for (var index = 0; index < (names?.Count ?? 0); index++)
        {
            if (string.IsNullOrWhiteSpace(names![index]))
            {
                errors.Add(new ValidationError($"{path}[{index}]", $"The {kind} name is empty; give a name as the API server authenticates it."));
            }
        }
    }
}
