import type { StartScreenPrompt } from '@chatwire/react';

/** The demo page's own words for the chat (the chat's UI words come with `@chatwire/react`). */
export interface DemoWords {
  title: string;
  greeting: string;
  placeholder: string;
  prompts: StartScreenPrompt[];
  pageTool: { label: string; shortLabel: string; placeholder: string };
  sections: string;
}

const en: DemoWords = {
  title: 'Ask about Acme Notes',
  greeting: 'How can I help with Acme Notes?',
  placeholder: 'Ask about this page…',
  prompts: [
    { label: 'What does the Team plan cost?', prompt: 'What does the Team plan cost, and what does it include?' },
    { label: 'Summarize this page', prompt: 'Summarize this page in three bullet points.' },
    { label: 'How do I work offline?', prompt: 'How does offline mode work?' },
  ],
  pageTool: { label: 'Read this page', shortLabel: 'This page', placeholder: 'Ask something the page answers…' },
  sections: 'Sections of this page',
};

const de: DemoWords = {
  title: 'Fragen zu Acme Notes',
  greeting: 'Wobei kann ich mit Acme Notes helfen?',
  placeholder: 'Frag etwas zu dieser Seite…',
  prompts: [
    { label: 'Was kostet der Team-Tarif?', prompt: 'Was kostet der Team-Tarif, und was ist enthalten?' },
    { label: 'Fasse die Seite zusammen', prompt: 'Fasse diese Seite in drei Stichpunkten zusammen.' },
  ],
  pageTool: { label: 'Diese Seite lesen', shortLabel: 'Diese Seite', placeholder: 'Frag etwas, das die Seite beantwortet…' },
  sections: 'Abschnitte dieser Seite',
};

const ar: DemoWords = {
  title: 'اسأل عن Acme Notes',
  greeting: 'كيف يمكنني مساعدتك في Acme Notes؟',
  placeholder: 'اسأل عن هذه الصفحة…',
  prompts: [
    { label: 'كم تكلفة خطة الفريق؟', prompt: 'كم تكلفة خطة الفريق، وماذا تتضمن؟' },
    { label: 'لخّص هذه الصفحة', prompt: 'لخّص هذه الصفحة في ثلاث نقاط.' },
  ],
  pageTool: { label: 'قراءة هذه الصفحة', shortLabel: 'هذه الصفحة', placeholder: 'اسأل عن شيء تجيب عنه الصفحة…' },
  sections: 'أقسام هذه الصفحة',
};

export function demoWords(locale: string | undefined): DemoWords {
  const language = locale?.toLowerCase().split(/[-_]/)[0];
  return language === 'de' ? de : language === 'ar' ? ar : en;
}
