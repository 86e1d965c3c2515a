import { ruleOn2015, typeByLargestMember, type Bbsr2015, type Lage, type TypeCode } from './bbsr.ts';
import type { GvMunicipality } from './gv-parser.ts';

/** Type and location of one municipality of today's territory (assigned at the level of its Gemeindeverband). */
export interface Classification {
  ags: string;
  /** Population of the largest member municipality of the Gemeindeverband (the rule's input). */
  largestMemberPopulation: number;
  /** The rule applied to today's figures. */
  typeRule: TypeCode;
  /** The type the platform uses: the rule, kept at the official 2015 type where BBSR upgraded the place for its central-place function. */
  type: TypeCode;
  /** The 2015 central-place upgrade kept (official 2015 type above the rule's). */
  upgradeKept: boolean;
  /** Official BBSR type 2015 of the municipality's 2015 Gemeindeverband (null when the AGS did not exist in 2015). */
  typeOfficial2015: TypeCode | null;
  /** BBSR/INKAR code of the 2015 Gemeindeverband (joins INKAR indicators). */
  association2015Code: string | null;
  lage: Lage | null;
  /** 'bbsr': official BBSR Lage from a raumgliederungen file; 'plz4': the PLZ4-based approximation. */
  lageSource: 'bbsr' | 'plz4' | null;
}

export interface OfficialLage {
  /** Lage by AGS (Gemeindereferenz). */
  byAgs: Map<string, Lage>;
  /** Optional official type by AGS (GTU), overriding the rule when present. */
  typeByAgs?: Map<string, TypeCode>;
}

/**
 * Computes the BBSR Stadt- und Gemeindetyp for today's territory: per Gemeindeverband (9-digit ARS), the population of
 * the largest member municipality decides (≥ 100,000 Großstadt, ≥ 20,000 Mittelstadt, ≥ 10,000 größere Kleinstadt,
 * ≥ 5,000 kleine Kleinstadt, else Landgemeinde). Where the 2015 Gemeindeverband of that largest member was upgraded
 * by BBSR (official type above what the rule gives on 2015 data: central-place function), the upgrade is kept.
 * The Lage is official when a BBSR reference with the Lage is given; otherwise it is approximated by the Lage of the
 * PLZ4 area of the town hall of the largest member (RKI/GISD table), the same for the whole Gemeindeverband.
 */
export function classify(current: GvMunicipality[], ref: Bbsr2015, plz4: Map<string, Lage>, official?: OfficialLage): Classification[] {
  const rule2015 = ruleOn2015(ref);
  const ref2015ByAgs = new Map(ref.municipalities.map((m) => [m.ags, m]));
  const members = new Map<string, GvMunicipality[]>();
  for (const m of current) {
    const list = members.get(m.municipalAssociationArs);
    if (list) list.push(m);
    else members.set(m.municipalAssociationArs, [m]);
  }
  const out: Classification[] = [];
  for (const list of members.values()) {
    const largest = list.reduce((a, b) => ((b.population ?? 0) > (a.population ?? 0) ? b : a));
    const largestPop = largest.population ?? 0;
    const typeRule = typeByLargestMember(largestPop);
    const largest2015 = ref2015ByAgs.get(largest.ags);
    const assoc2015 = largest2015 ? ref.associations.get(largest2015.associationCode) : undefined;
    const upgrade = assoc2015 && assoc2015.typeCode < (rule2015.get(assoc2015.code) ?? 50) ? assoc2015.typeCode : undefined;
    let type: TypeCode = upgrade !== undefined && upgrade < typeRule ? upgrade : typeRule;
    const upgradeKept = type !== typeRule;
    const officialType = official?.typeByAgs?.get(largest.ags);
    if (officialType) type = officialType;
    const officialLage = official?.byAgs.get(largest.ags);
    const approx = largest.postcode ? plz4.get(largest.postcode.slice(0, 4)) : undefined;
    const lage = officialLage ?? approx ?? null;
    for (const m of list) {
      const own2015 = ref2015ByAgs.get(m.ags);
      const own = own2015 ? ref.associations.get(own2015.associationCode) : undefined;
      out.push({
        ags: m.ags,
        largestMemberPopulation: largestPop,
        typeRule,
        type,
        upgradeKept,
        typeOfficial2015: own?.typeCode ?? null,
        association2015Code: own?.code ?? null,
        lage: official?.byAgs.get(m.ags) ?? lage,
        lageSource: officialLage ? 'bbsr' : approx ? 'plz4' : null,
      });
    }
  }
  return out;
}
