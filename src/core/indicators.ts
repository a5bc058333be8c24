/** The report contract's indicator ids with their names and units. Ids are never renamed. */
export type Unit = 'share' | 'count' | 'per_1000' | 'm2_per_child' | 'ratio';

export const INDICATORS: Record<string, { zh: string; en: string; unit: Unit }> = {
  'coverage.kindergarten': { zh: '幼儿园 5 分钟生活圈覆盖率（3–5 岁儿童）', en: 'Kindergarten 5-minute circle coverage (children 3–5)', unit: 'share' },
  'coverage.childcare': { zh: '托育机构 5 分钟生活圈覆盖率（0–2 岁儿童）', en: 'Childcare 5-minute circle coverage (children 0–2)', unit: 'share' },
  'coverage.primary': { zh: '小学 10 分钟生活圈覆盖率（6–11 岁儿童）', en: 'Primary school 10-minute circle coverage (children 6–11)', unit: 'share' },
  'coverage.middle': { zh: '中学 15 分钟生活圈覆盖率（12–14 岁儿童）', en: 'Middle school 15-minute circle coverage (children 12–14)', unit: 'share' },
  'coverage.playground': { zh: '儿童活动场地 5 分钟覆盖率（0–11 岁儿童）', en: 'Playground 5-minute coverage (children 0–11)', unit: 'share' },
  'coverage.childrens_home': { zh: '建有儿童之家的社区比例', en: "Communities with a children's home", unit: 'share' },
  'community.parent_school.urban': { zh: '城市社区家长学校覆盖率', en: 'Urban communities with a parent school', unit: 'share' },
  'community.parent_school.rural': { zh: '农村社区家长学校覆盖率', en: 'Rural communities with a parent school', unit: 'share' },
  'seats.kindergarten_per_child': { zh: '幼儿园学位数 / 3–5 岁儿童数', en: 'Kindergarten places per child aged 3–5', unit: 'ratio' },
  'seats.childcare_per_1000': { zh: '每千人口托位数', en: 'Childcare places per 1,000 residents', unit: 'per_1000' },
  'playground.area_per_child': { zh: '步行范围内人均儿童活动场地面积（0–11 岁）', en: 'Playground area within reach per child aged 0–11', unit: 'm2_per_child' },
  'playground.residential_green_share': { zh: '设有儿童活动场地的居住区绿地比例', en: 'Residential green spaces holding a playground', unit: 'share' },
  'playground.park_share': { zh: '设有儿童活动场地的公园比例', en: 'Parks holding a playground', unit: 'share' },
  'drowning.unmitigated_hazards': { zh: '儿童场所附近未完全防护的水域数', en: 'Unmitigated water hazards near child places', unit: 'count' },
  'drowning.children_near_unmitigated': { zh: '居住在未防护水域附近的儿童数（0–17 岁）', en: 'Children 0–17 living near unmitigated water', unit: 'count' },
  'surroundings.venues_near_schools': { zh: '中小学周边 200 米内的禁设场所数', en: 'Prohibited venues within 200 m of a primary or middle school', unit: 'count' },
  'health.pediatricians_per_1000_children': { zh: '每千名儿童儿科执业（助理）医师数', en: 'Paediatricians per 1,000 children', unit: 'per_1000' },
  'land.units_short_of_land': { zh: '预留教育用地不足的规划单元数（规划末年）', en: 'Planning units short of reserved education land (final projection year)', unit: 'count' },
  'routes.children_crossing_unprotected': { zh: '上学路线无保护穿越主干道的儿童数（6–14 岁）', en: 'Children 6–14 whose route to school crosses a main road unprotected', unit: 'count' },
  'health.pediatric_beds_per_1000_children': { zh: '每千名儿童儿科床位数', en: 'Paediatric beds per 1,000 children', unit: 'per_1000' },
};
