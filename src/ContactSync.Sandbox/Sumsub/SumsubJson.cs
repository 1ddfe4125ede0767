using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContactSync.Sandbox.Sumsub;

/// <summary>
/// Applicants, errors and webhook payloads written as Sumsub writes them: camelCase, absent values left out, names in
/// plain UTF-8, and Sumsub's own date formats (<c>2024-09-10 15:21:17</c> for <c>createdAt</c>, with <c>+0000</c> on
/// review dates, and milliseconds in a webhook's <c>createdAtMs</c>).
/// </summary>
internal static class SumsubJson
{
    public static readonly JsonSerializerOptions Wire = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string ReviewDate(DateTimeOffset at) => Date(at) + "+0000";

    public static string Millis(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>A correlation id in Sumsub's <c>req-…</c> form.</summary>
    public static string CorrelationId() => "req-" + Guid.NewGuid().ToString("D");

    public static IResult Error(int status, string description) => Results.Json(ErrorBody(status, description), Wire, statusCode: status);

    /// <summary>Sumsub's error body; errors with no code of their own carry the HTTP status as <c>errorCode</c>.</summary>
    public static JsonObject ErrorBody(int status, string description) => new()
    {
        ["description"] = description,
        ["code"] = status,
        ["correlationId"] = CorrelationId(),
        ["errorCode"] = status,
    };

    public static JsonObject Applicant(SumsubApplicant applicant, string clientId, string key)
    {
        var json = new JsonObject
        {
            ["id"] = applicant.Id,
            ["createdAt"] = Date(applicant.CreatedAt),
            ["key"] = key,
            ["clientId"] = clientId,
            ["inspectionId"] = applicant.InspectionId,
            ["externalUserId"] = applicant.ExternalUserId,
        };
        if (applicant.Company is { } company)
        {
            json["info"] = new JsonObject { ["companyInfo"] = Company(company, company.Kyb == 1) };
            if (company.Kyb == 2)
            {
                json["fixedInfo"] = new JsonObject { ["companyInfo"] = Company(company, beneficiaries: true) };
            }
        }
        else
        {
            json["info"] = Person(applicant.Extracted);
            json["fixedInfo"] = Person(applicant.Fixed);
        }

        Put(json, "email", applicant.Email);
        Put(json, "phone", applicant.Phone);
        json["applicantPlatform"] = "API";
        json["lang"] = applicant.Lang;
        json["review"] = Review(applicant.Review);
        json["type"] = applicant.Type;
        return json;
    }

    public static JsonObject Review(SumsubReview review)
    {
        var json = new JsonObject
        {
            ["reviewId"] = review.ReviewId,
            ["attemptId"] = review.AttemptId,
            ["attemptCnt"] = review.AttemptCnt,
            ["levelName"] = review.LevelName,
            ["levelAutoCheckMode"] = null,
            ["createDate"] = ReviewDate(review.CreateDate),
        };
        if (review.ReviewDate is { } reviewed)
        {
            json["reviewDate"] = ReviewDate(reviewed);
        }

        if (ReviewResult(review) is { } result)
        {
            json["reviewResult"] = result;
        }

        json["reviewStatus"] = review.Status;
        json["priority"] = 0;
        return json;
    }

    /// <summary>The result of a completed review: an answer, and for a RED one its kind, labels and comments.</summary>
    public static JsonObject? ReviewResult(SumsubReview review)
    {
        if (review.Status != SumsubReviewStatus.Completed || review.Answer is null)
        {
            return null;
        }

        var result = new JsonObject();
        if (review.Answer == SumsubReviewStatus.Red)
        {
            Put(result, "moderationComment", review.ModerationComment);
            Put(result, "clientComment", review.ClientComment);
        }

        result["reviewAnswer"] = review.Answer;
        if (review.Answer == SumsubReviewStatus.Red)
        {
            result["rejectLabels"] = new JsonArray([.. review.RejectLabels.Select(label => (JsonNode)label)]);
            result["reviewRejectType"] = review.RejectType;
        }

        return result;
    }

    /// <summary>A webhook's body, with the fields Sumsub's user verification webhooks carry (no personal data).</summary>
    public static JsonObject Webhook(string type, SumsubApplicant applicant, string clientId, DateTimeOffset at)
    {
        var json = new JsonObject
        {
            ["applicantId"] = applicant.Id,
            ["inspectionId"] = applicant.InspectionId,
            ["applicantType"] = applicant.Type,
            ["correlationId"] = CorrelationId(),
            ["levelName"] = applicant.Review.LevelName,
            ["sandboxMode"] = true,
            ["externalUserId"] = applicant.ExternalUserId,
            ["type"] = type,
        };
        if (ReviewResult(applicant.Review) is { } result)
        {
            json["reviewResult"] = result;
        }

        json["reviewStatus"] = applicant.Review.Status;
        json["createdAtMs"] = Millis(at);
        json["clientId"] = clientId;
        return json;
    }

    private static JsonObject Company(SumsubCompany company, bool beneficiaries)
    {
        var json = new JsonObject
        {
            ["companyName"] = company.Name,
            ["registrationNumber"] = company.RegistrationNumber,
            ["country"] = company.Country,
        };
        Put(json, "legalAddress", company.LegalAddress);
        Put(json, "incorporatedOn", company.IncorporatedOn);
        Put(json, "type", company.LegalType);
        if (beneficiaries)
        {
            json["beneficiaries"] = new JsonArray([.. company.Beneficiaries.Select(b => (JsonNode)(company.Kyb == 1 ? Kyb1(b) : Kyb2(b)))]);
        }

        return json;
    }

    private static JsonObject Kyb2(SumsubBeneficiary beneficiary)
    {
        var json = new JsonObject { ["id"] = beneficiary.Id };
        Put(json, "applicantId", beneficiary.ApplicantId);
        json["types"] = new JsonArray([.. beneficiary.Types.Select(type => (JsonNode)type)]);
        if (beneficiary.ShareSize is { } share)
        {
            json["shareSize"] = share;
        }

        if (beneficiary.Info is { } info)
        {
            var person = new JsonObject();
            Put(person, "firstName", info.FirstName);
            Put(person, "middleName", info.MiddleName);
            Put(person, "lastName", info.LastName);
            Put(person, "dob", info.Dob);
            Put(person, "email", info.Email);
            Put(person, "phone", info.Phone);
            Put(person, "country", info.Country);
            Put(person, "nationality", info.Nationality);
            json["beneficiaryInfo"] = person;
        }

        return json;
    }

    private static JsonObject Kyb1(SumsubBeneficiary beneficiary)
    {
        var json = new JsonObject { ["applicantId"] = beneficiary.ApplicantId };
        json["positions"] = new JsonArray([.. (beneficiary.Positions ?? beneficiary.Types).Select(position => (JsonNode)position)]);
        Put(json, "type", beneficiary.Kyb1Type ?? beneficiary.Types.FirstOrDefault());
        if (beneficiary.ShareSize is { } share)
        {
            json["shareSize"] = share;
        }

        json["inRegistry"] = false;
        return json;
    }

    private static JsonObject Person(SumsubPerson? person)
    {
        var json = new JsonObject();
        if (person is null)
        {
            return json;
        }

        Put(json, "firstName", person.FirstName);
        Put(json, "firstNameEn", person.FirstNameEn);
        Put(json, "middleName", person.MiddleName);
        Put(json, "lastName", person.LastName);
        Put(json, "lastNameEn", person.LastNameEn);
        Put(json, "dob", person.Dob);
        Put(json, "country", person.Country);
        Put(json, "nationality", person.Nationality);
        Put(json, "phone", person.Phone);
        if (person.Addresses is { Count: > 0 } addresses)
        {
            json["addresses"] = new JsonArray([.. addresses.Select(address => (JsonNode)Address(address))]);
        }

        return json;
    }

    private static JsonObject Address(SumsubAddress address)
    {
        var json = new JsonObject();
        Put(json, "subStreet", address.SubStreet);
        Put(json, "street", address.Street);
        Put(json, "state", address.State);
        Put(json, "buildingName", address.BuildingName);
        Put(json, "flatNumber", address.FlatNumber);
        Put(json, "buildingNumber", address.BuildingNumber);
        Put(json, "town", address.Town);
        Put(json, "postCode", address.PostCode);
        Put(json, "country", address.Country);
        Put(json, "formattedAddress", address.FormattedAddress);
        return json;
    }

    private static void Put(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
