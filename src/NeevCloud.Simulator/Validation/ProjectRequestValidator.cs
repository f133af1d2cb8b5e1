using NeevCloud.Simulator.Contracts;
using NeevCloud.Simulator.Domain;

namespace NeevCloud.Simulator.Validation;

/// <summary>The rules of ProjectRequest and ProjectUpdateRequest.</summary>
internal static class ProjectRequestValidator
{
    private const int MaxNameLength = 100;

    public static Failure? ValidateCreate(ProjectRequest request)
    {
        var problems = new ValidationProblems();
        CheckName(problems, request.Name, required: true);
        return problems.Any ? problems.ToFailure() : null;
    }

    public static Failure? ValidateUpdate(ProjectUpdateRequest request)
    {
        var problems = new ValidationProblems();
        if (request.Name is null && request.Description is null)
        {
            problems.Add("body", "at least one of name and description must be provided");
        }

        CheckName(problems, request.Name, required: false);
        return problems.Any ? problems.ToFailure() : null;
    }

    private static void CheckName(ValidationProblems problems, string? name, bool required)
    {
        if (name is null)
        {
            if (required)
            {
                problems.Add("name", "is required");
            }
        }
        else if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add("name", "must not be empty");
        }
        else if (name.Length > MaxNameLength)
        {
            problems.Add("name", $"must be at most {MaxNameLength} characters");
        }
    }
}
