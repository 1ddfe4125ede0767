using System.Security.Cryptography;
using System.Text;
using ContactSync.Sandbox.Seeds;

namespace ContactSync.Sandbox.Sumsub;

/// <summary>
/// Invented, deterministic KYB data for seeded companies 1 and 3–6 (each company applicant's
/// <c>externalUserId</c> is its register number): company 1 (KYB 2.0, approved) with the register's own director Maria
/// de la Cruz approved, a pending director and a director rejected for retry; company 6 (KYB 2.0, approved; company 2 resolves to no contract) with an
/// approved representative, an approved UBO who is no director, a director who is also representative, and a UBO known
/// only by <c>beneficiaryInfo</c>; company 3 (KYB 1.0) with an approved director and one rejected finally; company 4,
/// whose own review is pending, with an approved director; company 5 with a director on hold.
/// </summary>
internal static class SumsubSeeder
{
    private static readonly DateTimeOffset Origin = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly SumsubAddress London = new(
        "GBR", "EC1V 4PW", "London", "Clerkenwell Road", BuildingNumber: "14", FlatNumber: "3",
        FormattedAddress: "Flat 3, 14 Clerkenwell Road, London EC1V 4PW, United Kingdom");

    private static readonly SumsubAddress Dublin = new(
        "IRL", "D02 XY45", "Dublin", "Merrion Square North", SubStreet: "Second Floor", BuildingNumber: "27",
        FormattedAddress: "Second Floor, 27 Merrion Square North, Dublin D02 XY45, Ireland");

    private static readonly SumsubAddress Edinburgh = new(
        "GBR", "EH3 9QG", "Edinburgh", "Lauriston Place", State: "City of Edinburgh", BuildingName: "Heriot House", BuildingNumber: "9",
        FormattedAddress: "Heriot House, 9 Lauriston Place, Edinburgh EH3 9QG, United Kingdom");

    private enum State
    {
        Pending,
        Green,
        RedRetry,
        RedFinal,
        OnHold,
    }

    public static void Seed(SumsubStore store, SeedData seeds)
    {
        // Company 2 has a second customer record on a contract of its own (a resolution edge case), so it resolves to no
        // contract: the people of the second case sit on company 6 instead.
        var numbers = seeds.CompanyNumbers.Where(pair => pair.Value is <= 6 and not 2).OrderBy(pair => pair.Value);
        foreach (var (number, n) in numbers)
        {
            var at = Origin.AddDays(n);
            switch (n)
            {
                case 1:
                    var company1 = Company(store, n, number, at, kyb: 2, State.Green);
                    Link(company1, Person(store, n, 1, at, "register-director", new("Maria", "de la Cruz", Dob: "1957-02-14", Country: "GBR", Phone: "+44 20 7946 0101", Addresses: [London]),
                        "  Maria.DeLaCruz@Example.com ", State.Green), ["director"]);
                    Link(company1, Person(store, n, 2, at, "pending-director", new("Siân", "Pritchard-Ellis", Dob: "1988-11-03", Country: "GBR"),
                        "sian.pritchard-ellis@example.org", State.Pending, externalUserId: "kyb dir/Siân+1@01000001", extracted: false), ["director"]);
                    Link(company1, Person(store, n, 3, at, "retry-director", new("Tomás", "O'Rourke", Dob: "1975-06-21", Country: "GBR", Phone: "+44 7700 900123"),
                        "TOMAS.OROURKE@EXAMPLE.COM", State.RedRetry), ["director"]);
                    break;
                case 6:
                    var company2 = Company(store, n, number, at, kyb: 2, State.Green);
                    Link(company2, Person(store, n, 1, at, "representative", new("Aoife", "Ní Bhriain", Dob: "1990-01-30", Country: "IRL", Phone: "+353 1 555 0142", Addresses: [Dublin]),
                        " aoife.nibhriain@example.ie", State.Green), ["representative"]);
                    Link(company2, Person(store, n, 2, at, "ubo-not-director", new("Henrik", "Ødegård", Dob: "1969-09-09"),
                        "Henrik.Odegard@Example.com", State.Green), ["ubo", "shareholder"], 60);
                    Link(company2, Person(store, n, 3, at, "director-and-representative", new("Chiamaka", "Eze-Whitfield", MiddleName: "Nneka", Dob: "1983-04-17", Country: "GBR", Phone: "+44 20 7946 0202", Addresses: [London]),
                        "chiamaka.eze-whitfield@example.co.uk  ", State.Green), ["director", "representative"]);
                    company2.Company!.Beneficiaries.Add(new SumsubBeneficiary(
                        SumsubIds.Hex($"beneficiary|{n}|4"), null, ["shareholder", "ubo"], 25,
                        new SumsubBeneficiaryInfo("Léa", "Marchetti", Dob: "1979-08-30", Email: " Lea.Marchetti@Example.net", Country: "FRA")));
                    break;
                case 3:
                    var company3 = Company(store, n, number, at, kyb: 1, State.Green);
                    Link(company3, Person(store, n, 1, at, "kyb1-director", new("Eilidh", "MacAskill", Dob: "1972-12-05", Country: "GBR", Phone: "+44 131 496 0123", Addresses: [Edinburgh]),
                        "eilidh.macaskill@example.scot", State.Green), ["director"], 51, positions: ["director", "shareholder"], kyb1Type: "ubo");
                    Link(company3, Person(store, n, 2, at, "kyb1-final-director", new("Rory", "Buchanan-Shaw", Dob: "1980-03-12", Country: "GBR"),
                        "rory.buchanan-shaw@example.scot", State.RedFinal), ["director"], positions: ["director"], kyb1Type: "director");
                    break;
                case 4:
                    var company4 = Company(store, n, number, at, kyb: 2, State.Pending);
                    Link(company4, Person(store, n, 1, at, "director-of-pending-company", new("Priya", "Raman-Holt", Dob: "1986-07-22", Country: "GBR", Phone: "+44 161 496 0456"),
                        "priya.raman-holt@example.com", State.Green), ["director"]);
                    break;
                case 5:
                    var company5 = Company(store, n, number, at, kyb: 2, State.Green);
                    Link(company5, Person(store, n, 1, at, "on-hold-director", new("Gwen", "Llywelyn", Dob: "1993-10-01", Country: "GBR"),
                        "gwen.llywelyn@example.cymru", State.OnHold), ["director"]);
                    break;
            }
        }
    }

    private static SumsubApplicant Company(SumsubStore store, int n, string number, DateTimeOffset at, int kyb, State state)
    {
        var key = $"company|{n}";
        var applicant = new SumsubApplicant
        {
            Id = SumsubIds.Hex($"applicant|{key}"),
            InspectionId = SumsubIds.Hex($"inspection|{key}"),
            ExternalUserId = number,
            Type = SumsubTypes.Company,
            CreatedAt = at,
            Review = SumsubStore.NewReview(key, "basic-kyb-level", at),
            Email = $"compliance@company{n}.example",
            Company = new SumsubCompany(CompanyNames.For(n), number, "GBR", kyb)
            {
                LegalAddress = $"{n} Virtual Street, London, EC1A 1AA",
                IncorporatedOn = $"{2010 + n}-0{n}-1{n}",
                LegalType = "Private Company Limited by Shares",
            },
            Role = kyb == 1 ? "kyb1-company" : state == State.Pending ? "pending-company" : "kyb2-company",
        };
        Decide(applicant.Review, state, at);
        store.Add(applicant);
        return applicant;
    }

    private static SumsubApplicant Person(
        SumsubStore store, int n, int k, DateTimeOffset companyAt, string role, SumsubPerson provided, string email, State state,
        string? externalUserId = null, bool extracted = true)
    {
        var at = companyAt.AddHours(k);
        var key = $"person|{n}|{k}";
        // What the documents gave: the names as printed, with a Latin spelling where they carry diacritics.
        var read = extracted
            ? provided with { FirstNameEn = Latin(provided.FirstName), LastNameEn = Latin(provided.LastName), Nationality = provided.Country }
            : null;
        var applicant = SumsubStore.NewPerson(
            key, externalUserId ?? $"kyb-{n:D2}-{k:D2}-{SumsubIds.Hex(key)[..8]}", at, provided, read, email, provided.Phone, role);
        Decide(applicant.Review, state, at);
        store.Add(applicant);
        return applicant;
    }

    private static void Link(
        SumsubApplicant company, SumsubApplicant person, string[] types, double? shareSize = null, string[]? positions = null, string? kyb1Type = null)
        => company.Company!.Beneficiaries.Add(new SumsubBeneficiary(
            SumsubIds.Hex($"beneficiary|{company.Id}|{person.Id}"), person.Id, types, shareSize, null, positions, kyb1Type));

    /// <summary>One attempt, submitted an hour after creation and (unless still open) decided a day later.</summary>
    private static void Decide(SumsubReview review, State state, DateTimeOffset at)
    {
        review.AttemptCnt = 1;
        review.AttemptId = SumsubIds.Short($"attempt|{review.ReviewId}|1");
        review.CreateDate = at.AddHours(1);
        review.Status = state switch
        {
            State.Pending => SumsubReviewStatus.Pending,
            State.OnHold => SumsubReviewStatus.OnHold,
            _ => SumsubReviewStatus.Completed,
        };
        if (review.Status != SumsubReviewStatus.Completed)
        {
            return;
        }

        review.ReviewDate = at.AddDays(1);
        review.Answer = state == State.Green ? SumsubReviewStatus.Green : SumsubReviewStatus.Red;
        (review.RejectType, review.RejectLabels, review.ModerationComment, review.ClientComment) = state switch
        {
            State.RedRetry => (SumsubReviewStatus.Retry, ["UNSATISFACTORY_PHOTOS", "SCREENSHOTS"], "We do not accept screenshots. Please upload an original photo.", "Screenshots are not accepted."),
            State.RedFinal => (SumsubReviewStatus.Final, ["BLACKLIST"], (string?)null, "Matched the client's blocklist."),
            _ => ((string?)null, (IReadOnlyList<string>)[], (string?)null, (string?)null),
        };
    }

    private static string? Latin(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var decomposed = name.Replace("Ø", "O", StringComparison.Ordinal).Replace("ø", "o", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        var latin = new string([.. decomposed.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)]);
        return latin == name ? null : latin;
    }
}

/// <summary>Ids in Sumsub's shapes, the same on every run: 24 lower-case hex characters, or five letters for review parts.</summary>
internal static class SumsubIds
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public static string Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sumsub|" + key)))[..24];

    public static string Short(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("sumsub-short|" + key));
        return new string([.. hash.Take(5).Select(b => Letters[b % Letters.Length])]);
    }
}
