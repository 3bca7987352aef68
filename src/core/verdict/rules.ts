/**
 * Stable rule ids. Reports, SARIF rules, waivers and the site all name rules by these ids,
 * so they never change meaning; a new situation gets a new id.
 */
export const RULES = {
  'commercial-use': 'fal labels the endpoint "Commercial use": fal holds the rights to serve it commercially.',
  'research-only': 'fal labels the endpoint "Research only": its outputs may not be used commercially.',
  'private-endpoint': 'fal labels the endpoint private: it is not offered to the public, terms are per agreement.',
  'unknown-label': 'fal\'s licence label for this endpoint is not known; it is not assumed commercial.',
  'unknown-model': 'The endpoint is not in the catalog, so nothing is known about its licence.',
  'dynamic-id': 'A fal call whose endpoint id is not a literal: which model it calls cannot be checked.',
  'partner-api': 'A Partner API endpoint: hosted by a fal partner, whose availability it is; percentage discounts do not apply.',
  deprecated: 'fal has deprecated the endpoint.',
  removed: 'The endpoint is no longer in fal\'s catalog.',
  'model-policy': 'The project\'s policy names this model explicitly.',
  'weights-licence': 'The licence of the model weights, which governs self-hosting them (not calls through fal).',
  'weights-non-commercial': 'Self-hosting: the weights licence does not allow commercial use.',
  'weights-licence-unknown': 'Self-hosting: the licence of the weights is not known.',
  'licence-condition': 'Self-hosting: the organisation does not meet a condition of the weights licence.',
} as const;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];
