using NeevCloud.Simulator.Domain;

namespace NeevCloud.Simulator.Validation;

/// <summary>Collects "field: problem" lines; all of them go into one 400 message.</summary>
internal sealed class ValidationProblems
{
    private readonly List<string> _problems = [];

    public bool Any => _problems.Count > 0;

    public void Add(string field, string problem) => _problems.Add($"{field}: {problem}");

    public Failure ToFailure() => Failure.BadRequest(string.Join("; ", _problems));

    public void RequireResourceName(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(field, "is required");
        }
        else if (value.Length > ResourcePatterns.ResourceNameMaxLength || !ResourcePatterns.ResourceName().IsMatch(value))
        {
            Add(field, $"must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit) of at most {ResourcePatterns.ResourceNameMaxLength} characters");
        }
    }

    public string RequireText(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
            return string.Empty;
        }

        return value;
    }

    public void RequireRange(string field, int? value, int min, int max)
    {
        if (value is null)
        {
            Add(field, "is required");
        }
        else if (value < min || value > max)
        {
            Add(field, $"must be between {min} and {max}");
        }
    }

    public Guid? RequireUuid(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(field, "is required");
            return null;
        }

        if (!Guid.TryParseExact(value, "D", out var id))
        {
            Add(field, "must be a UUID");
            return null;
        }

        return id;
    }
}
