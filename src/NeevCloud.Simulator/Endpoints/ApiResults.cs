using NeevCloud.Simulator.Contracts;
using NeevCloud.Simulator.Domain;
using NeevCloud.Simulator.Json;

namespace NeevCloud.Simulator.Endpoints;

/// <summary>Turns outcomes into HTTP answers, all serialized with <see cref="SimulatorJson.Options"/>.</summary>
internal static class ApiResults
{
    public static IResult Json<T>(T value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, SimulatorJson.Options, statusCode: status);

    public static IResult Error(Failure failure) => failure.Details is { } details
        ? Json(new ProjectDeletionConflictResponse(failure.Code, failure.Message, details), failure.Status)
        : Json(new ErrorResponse(failure.Code, failure.Message), failure.Status);

    public static IResult From<T>(Outcome<T> outcome, int status = StatusCodes.Status200OK) =>
        outcome.Failure is { } failure ? Error(failure) : Json(outcome.Value, status);

    /// <summary>202 with no body (deleteVM, deleteRootDiskVolume), or the failure.</summary>
    public static IResult AcceptedWithoutBody<T>(Outcome<T> outcome) =>
        outcome.Failure is { } failure ? Error(failure) : Results.StatusCode(StatusCodes.Status202Accepted);
}
