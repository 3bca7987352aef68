/** Three repositories as an organisation has them: one clean, one calling a research-only model, one with a waiver that expires soon. */
export const ORG: Record<string, Record<string, string>> = {
  'acme/web': {
    'src/gen.ts': 'import { fal } from "@fal-ai/client";\n\nexport const hero = () => fal.subscribe("fal-ai/flux/dev", { input: {} });\n',
  },
  'acme/stickers': {
    'app/sticker.py': 'import fal_client\n\n\ndef sticker(url):\n    return fal_client.subscribe("fal-ai/stable-cascade", arguments={"image_url": url})\n',
  },
  'acme/lab': {
    'src/pilot.ts': 'import { fal } from "@fal-ai/client";\nexport const pilot = () => fal.subscribe("fal-ai/stable-cascade", { input: {} });\nexport const hero = () => fal.subscribe("fal-ai/flux/dev", { input: {} });\n',
    'modelgate.config.yaml': 'waivers:\n  - model: fal-ai/stable-cascade\n    reason: pilot with the research team, outputs never shipped\n    approvedBy: jane@legal.example\n    approvedOn: "2026-06-01"\n    expires: "2026-06-25"\n    ticket: https://tickets.example/LEGAL-7\n',
  },
};
