using System.Globalization;
using HyperVIsolation.Api.V1Alpha1;
using k8s.Models;

namespace HyperVIsolation.Operator.Validation;

/// <summary>Rules for <c>spec.strategy</c>: well-formed bounds, and a rolling update that can make progress.</summary>
internal static class RollingUpdateValidator
{
    private const string Path = "spec.strategy.rollingUpdate";

    public static void Validate(UpdateStrategy? strategy, List<ValidationError> errors)
    {
        var settings = strategy?.RollingUpdate;
        if (strategy is null || settings is null)
        {
            return;
        }

        if (strategy.Type != UpdateStrategyType.RollingUpdate)
        {
            errors.Add(new ValidationError(Path, $"rollingUpdate only applies to type RollingUpdate, but type is {strategy.Type}; remove rollingUpdate or change the type."));
            return;
        }

        var maxUnavailable = Parse(settings.MaxUnavailable, "maxUnavailable", maxPercent: 100, errors);
        var maxSurge = Parse(settings.MaxSurge, "maxSurge", maxPercent: null, errors);
        if (maxUnavailable == 0 && maxSurge == 0)
        {
            errors.Add(new ValidationError(
                Path,
                "maxUnavailable and maxSurge are both 0, so a rolling update could never replace a pod; set one of them above 0."));
        }
    }

    /// <summary>The bound's number (count or percent), 25 when unset (the default 25%), null when malformed.</summary>
    private static int? Parse(IntOrString? bound, string name, int? maxPercent, List<ValidationError> errors)
    {
        var text = bound?.Value;
        if (text is null)
        {
            return 25;
        }

        var isPercent = text.EndsWith('%');
        var digits = isPercent ? text[..^1] : text;
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && (!isPercent || maxPercent is null || value <= maxPercent))
        {
            return value;
        }

        var percentRange = maxPercent is null ? "a percentage such as 25%" : $"a percentage from 0% to {maxPercent}%";
        errors.Add(new ValidationError($"{Path}.{name}", $"{name} is '{text}'; use a count of 0 or more or {percentRange}."));
        return null;
    }
}
